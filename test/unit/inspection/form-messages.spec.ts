import { BadRequestException } from '@nestjs/common';
import { validationPipe } from '../../../src/common/validation';
import {
  BulkFormsDto,
  FormDto,
  FollowUpDecisionDto,
  SchemeDto,
  StartInspectionDto,
} from '../../../src/modules/inspection/dto/inspection.dto';
import { CorrectionDto, WithdrawalDto } from '../../../src/modules/publication/dto/publication.dto';

/** The HTTP API's own pipe over the inspection DTOs: what a caller reads on a 400. */
async function refusal(dto: unknown, body: unknown) {
  try {
    await validationPipe().transform(body, { type: 'body', metatype: dto as never });
  } catch (err) {
    expect(err).toBeInstanceOf(BadRequestException);
    return (err as BadRequestException).getResponse() as {
      message: string;
      errors: Array<{ field: string; rules: string[] }>;
    };
  }
  throw new Error('accepted');
}

const form = {
  inspectedOn: '2026-10-08',
  items: [{ itemCode: 'SCJG-001', result: 'no_problem' }],
  inspectorsPresent: ['SCJGJ-001', 'SCJGJ-002'],
  signature: { signedBy: '张三' },
};

describe('inspection form validation (issue 12)', () => {
  it('a form without signature is a 400 naming the field (was a 500 TypeError)', async () => {
    const { signature: _, ...unsigned } = form;
    const res = await refusal(FormDto, unsigned);
    expect(res.errors).toEqual([
      {
        field: 'signature',
        value: undefined,
        rules: [expect.stringMatching(/^检查对象签字（signature）：必填/)],
      },
    ]);
  });

  it('a signature with neither signedBy nor refusal is a 400 naming signedBy', async () => {
    const res = await refusal(BulkFormsDto, {
      forms: [{ ...form, targetCode: 'X', signature: {} }],
    });
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0].field).toBe('forms.0.signature.signedBy');
    expect(res.errors[0].rules).toEqual([
      '检查对象签字人（signedBy）：未记录拒签（refusal）时必填，须为 1–100 字的文本',
    ]);
  });

  it('a result `other` without findings says one right rule, once', async () => {
    const res = await refusal(FormDto, {
      ...form,
      items: [{ itemCode: 'SCJG-001', result: 'other' }],
    });
    expect(res.errors).toEqual([
      {
        field: 'items.0.findings',
        value: undefined,
        rules: [
          '检查发现（findings）：检查结果为 problem（发现问题）或 other（其他）时必填，须为 1–4000 字的文本',
        ],
      },
    ]);
    expect(res.message).not.toMatch(/shorter than/);
  });

  it('every message names the field in Chinese once, with its key, and what is accepted', async () => {
    const bodies: Array<[unknown, unknown]> = [
      [FormDto, {}],
      [
        FormDto,
        { ...form, items: [{ result: 'bad', findings: 7, measures: '' }], inspectorsPresent: [''] },
      ],
      [StartInspectionDto, { temporary: true, departments: ['a b', 'a b'], publishDays: 99 }],
      [StartInspectionDto, { planId: 'x' }],
      [FollowUpDecisionDto, { kind: 'penalty' }],
      [FollowUpDecisionDto, { kind: 'rectification' }],
      [SchemeDto, { items: [{}], windowStart: 'x', surprise: 'no', inspectorsPerTarget: 0 }],
      [CorrectionDto, { result: 'x', handling: 5 }],
      [WithdrawalDto, { reason: '  ' }],
    ];
    for (const [dto, body] of bodies) {
      const res = await refusal(dto, body);
      for (const { field, rules } of res.errors) {
        const key = field.split('.').pop()!;
        expect(rules).toHaveLength(1);
        const [rule] = rules;
        // "<中文名>（key）：accepted", the Chinese name and the key once each
        expect(rule).toMatch(new RegExp(`^[\\u4e00-\\u9fff（）]+（${key}）：.*须为`));
        expect(rule.split(`（${key}）`)).toHaveLength(2);
        expect(rule).not.toMatch(/must|should/);
      }
    }
  });
});
