import { ConflictException } from '@nestjs/common';
import type { Principal } from '../../../src/modules/auth/roles';
import { InspectionSteps } from '../../../src/modules/inspection/inspection-steps.service';

/**
 * Issue 12: a repeated publication answered 201 `{"alreadyPublished":true}` while the department's
 * publication step was open and 409 after. One rule: every repeat is 409 (docs/publication.md).
 */
describe('publishing a department twice', () => {
  const principal = { username: 'scjgj-officer', departmentCode: 'SCJGJ' } as Principal;
  const inspection = { id: 'i1', code: 'JC-1', status: 'publishing', scheme: { surprise: false } };

  function steps(taskOpen: boolean) {
    const completeIfOpen = jest.fn().mockResolvedValue(true);
    const publishDepartment = jest.fn().mockResolvedValue({ published: 3 });
    const service = new InspectionSteps(
      {} as never,
      {} as never,
      { load: jest.fn().mockResolvedValue(inspection) } as never,
      {
        find: jest.fn().mockResolvedValue(taskOpen ? { id: 't1', status: 'open' } : null),
        completeIfOpen,
      } as never,
      {} as never,
      {} as never,
      { isPublished: jest.fn().mockResolvedValue(true), publishDepartment } as never,
    );
    return { service, completeIfOpen, publishDepartment };
  }

  it('is 409 while the publication step is still open, and completes that step', async () => {
    const { service, completeIfOpen, publishDepartment } = steps(true);
    await expect(service.publish('i1', principal)).rejects.toThrow(ConflictException);
    await expect(service.publish('i1', principal)).rejects.toThrow(/不能重复公示/);
    expect(completeIfOpen).toHaveBeenCalled();
    expect(publishDepartment).not.toHaveBeenCalled();
  });

  it('is 409 after the step is done', async () => {
    const { service, completeIfOpen } = steps(false);
    await expect(service.publish('i1', principal)).rejects.toThrow(ConflictException);
    expect(completeIfOpen).not.toHaveBeenCalled();
  });
});
