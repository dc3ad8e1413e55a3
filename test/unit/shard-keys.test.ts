import { DUE_GSI_PKS, DUE_SHARDS, dueGsiPk, queries, shardOf, staffGsi } from '../../shared/store/keys';

describe('sharded index keys (shared/store/keys.ts)', () => {
  test('a project always lands on the same due shard, one of DUE#0…DUE#7', () => {
    expect(dueGsiPk('prj_abc')).toBe(dueGsiPk('prj_abc'));
    expect(DUE_GSI_PKS).toHaveLength(DUE_SHARDS);
    expect(DUE_GSI_PKS).toContain(dueGsiPk('prj_abc'));
  });

  test('ids spread evenly: each of 8 shards gets 12.5 % ± 2 points of 20,000 random-looking ids', () => {
    const counts = Array<number>(DUE_SHARDS).fill(0);
    for (let i = 0; i < 20_000; i++) counts[shardOf(`prj_${(i * 2654435761).toString(16)}${i}`, DUE_SHARDS)]!++;
    for (const n of counts) expect(Math.abs(n / 20_000 - 1 / DUE_SHARDS)).toBeLessThan(0.02);
  });

  test('the reminder job reads every shard and the legacy key; the staff directory one partition per role', () => {
    expect(queries.dueSteps('2027-01-31').map((q) => q.pk)).toEqual([...DUE_GSI_PKS, 'DUE']);
    expect(staffGsi('legal', 'a@b.fr')).toEqual({ gsi1pk: 'STAFF#legal', gsi1sk: 'a@b.fr' });
    expect(queries.staff('lawyer')).toMatchObject({ index: 'gsi1', pk: 'STAFF#lawyer' });
  });
});
