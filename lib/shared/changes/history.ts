import { z } from "zod";
import { changeLabelsSchema, changeSchema } from "./change";

/*
 * One event in the history of a person, group, role or organization's settings: a change (in
 * CONTRACT.md's vocabulary) and the sync where it was first seen. Isomorphic: the history routes
 * answer it and the History sections parse it.
 */

export const historySyncSchema = z.object({ id: z.string(), finished_at: z.string().nullable(), seq: z.number() });

export const historyEventSchema = changeSchema.extend({ sync: historySyncSchema });
export type HistoryEvent = z.infer<typeof historyEventSchema>;

export const historyAnswerSchema = z.object({ events: z.array(historyEventSchema), labels: changeLabelsSchema });
