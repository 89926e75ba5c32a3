/**
 * The county of the Pengyang seed (彭阳县, seeds/000_*): the joint-meeting office sits in the
 * market-regulation bureau; 14 member departments.
 */
export const OFFICE = { code: 'LXBGS', name: '县“双随机、一公开”联席会议办公室' };

export const PENGYANG_DEPARTMENTS = [
  { code: 'SCJGJ', name: '县市场监管局' },
  { code: 'FGJ', name: '县发展改革局' },
  { code: 'GAJ', name: '县公安局' },
  { code: 'JTJ', name: '县教育体育局' },
  { code: 'RSJ', name: '县人力资源社会保障局' },
  { code: 'ZRZYJ', name: '县自然资源局' },
  { code: 'ZJJ', name: '县住房城乡建设局' },
  { code: 'JTYSJ', name: '县交通运输局' },
  { code: 'NYNCJ', name: '县农业农村局' },
  { code: 'WLJ', name: '县文化旅游广电局' },
  { code: 'WJJ', name: '县卫生健康局' },
  { code: 'YJJ', name: '县应急局' },
  { code: 'TJJ', name: '县统计局' },
  { code: 'SWJ', name: '县税务局' },
];

/** Demo password for every seeded account (printed by seed-demo; change it in production). */
export const DEMO_PASSWORD = 'jointcheck-demo';

/** Pengyang county's administrative division code (GB/T 2260, 6 digits as the directory stores it). */
export const PENGYANG_REGION = '640425';

/** The county's towns and townships (乡镇), for demo addresses. */
export const TOWNSHIPS = [
  '白阳镇',
  '王洼镇',
  '古城镇',
  '红河镇',
  '新集乡',
  '城阳乡',
  '孟塬乡',
  '冯庄乡',
  '小岔乡',
  '罗洼乡',
  '交岔乡',
  '草庙乡',
];

/**
 * The departments of the demo joint task: the market-regulation bureau initiates (it hosts the
 * office and leads the joint list, PY), emergency management and agriculture take part; the same
 * trio as the lifecycle tests (test/support/inspection-fixture.ts).
 */
export const JOINT_DEPARTMENTS = ['SCJGJ', 'YJJ', 'NYNCJ'] as const;
