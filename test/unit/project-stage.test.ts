import { projectStatusOf, stageFilterOf, STAGE_FILTERS } from '../../shared/domain/project-stage';
import { STAGES } from '../../shared/domain/workflow';

test('a project status follows its workflow: draft, declarations, review, approved, signed, rejected', () => {
  expect(projectStatusOf(null)).toBe('draft');
  const of = (stage: (typeof STAGES)[number], status: 'active' | 'rejected' | 'signed' = 'active') => projectStatusOf({ stage, status });
  expect(STAGES.map((s) => of(s))).toEqual(['declarations', 'review', 'review', 'review', 'review', 'approved', 'approved', 'signed']);
  expect(of('committee', 'rejected')).toBe('rejected');
  expect(of('signed', 'signed')).toBe('signed');
});

test('the stage filter of a workflow is its stage, or rejected whatever the stage', () => {
  expect(stageFilterOf({ stage: 'legal-review', status: 'active' })).toBe('legal-review');
  expect(stageFilterOf({ stage: 'legal-review', status: 'rejected' })).toBe('rejected');
  expect(STAGE_FILTERS).toEqual([...STAGES, 'rejected']);
});
