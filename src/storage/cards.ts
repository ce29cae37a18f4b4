/**
 * Reads what the cards of some entities need from IndexedDB, through the indexes, in one
 * read transaction (so every card describes the same KB version), and builds them.
 * Background and extension pages only: content scripts ask the background
 * (`cards/for-entities`).
 */
import type { AppDB } from './db/app-db';
import type { Claim, CorroborationGroup, Difference, Entity, Relation, Source, TimelineEntry } from '../lib/kb/types';
import { buildEntityCard } from '../lib/cards/build';
import type { EntityCard } from '../lib/cards/types';

/**
 * Cards for `entityIds`, in the order asked, without repeats; ids the KB does not know
 * are skipped.
 */
export async function loadCards(db: AppDB, entityIds: readonly string[]): Promise<EntityCard[]> {
  const ids = [...new Set(entityIds)];
  if (ids.length === 0) return [];
  return db.transaction(
    'r',
    [db.entities, db.claims, db.sources, db.relations, db.timeline, db.corroboration, db.differences],
    async () => {
      const found = (await db.entities.bulkGet(ids)).filter((e): e is Entity => e !== undefined);
      if (found.length === 0) return [];
      const known = found.map((e) => e.id);

      const [claims, relationsA, relationsB, timeline] = await Promise.all([
        db.claims.where('entityIds').anyOf(known).distinct().toArray() as Promise<Claim[]>,
        db.relations.where('a').anyOf(known).toArray() as Promise<Relation[]>,
        db.relations.where('b').anyOf(known).toArray() as Promise<Relation[]>,
        db.timeline.where('entityId').anyOf(known).toArray() as Promise<TimelineEntry[]>,
      ]);
      const relations = [...relationsA, ...relationsB];

      const claimIds = claims.map((c) => c.id);
      const sourceIds = new Set(claims.map((c) => c.sourceId));
      for (const e of found) for (const c of e.roleCitations) sourceIds.add(c.sourceId);
      const knownSet = new Set(known);
      const relatedIds = new Set<string>();
      for (const r of relations) {
        if (!knownSet.has(r.a)) relatedIds.add(r.a);
        if (!knownSet.has(r.b)) relatedIds.add(r.b);
      }

      const [corroboration, differences] = await Promise.all([
        claimIds.length === 0
          ? Promise.resolve<CorroborationGroup[]>([])
          : (db.corroboration.where('claimIds').anyOf(claimIds).distinct().toArray() as Promise<CorroborationGroup[]>),
        claimIds.length === 0
          ? Promise.resolve<Difference[]>([])
          : (db.differences.where('claimIds').anyOf(claimIds).distinct().toArray() as Promise<Difference[]>),
      ]);
      // The other side of a difference may not name these entities: its claims and sources too.
      const have = new Set(claimIds);
      const otherIds = [...new Set(differences.flatMap((d) => d.claimIds))].filter((id) => !have.has(id));
      const others = (await db.claims.bulkGet(otherIds)).filter((c): c is Claim => c !== undefined);
      for (const c of others) sourceIds.add(c.sourceId);

      const [sources, related] = await Promise.all([
        db.sources.bulkGet([...sourceIds]),
        db.entities.bulkGet([...relatedIds]),
      ]);

      const slice = {
        entities: [...found, ...related.filter((e): e is Entity => e !== undefined)],
        claims: [...claims, ...others],
        sources: sources.filter((s): s is Source => s !== undefined),
        relations,
        timeline,
        corroboration,
        differences,
      };
      return known.map((id) => buildEntityCard(slice, id)).filter((c): c is EntityCard => c !== null);
    },
  );
}
