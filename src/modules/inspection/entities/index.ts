export * from './confirmation.entity';
export * from './follow-up.entity';
export * from './inspection-form.entity';
export * from './inspection-target.entity';
export * from './inspection.entity';
