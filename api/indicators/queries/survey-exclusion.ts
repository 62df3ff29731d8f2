import { type RawBuilder, sql } from "kysely";

/**
 * The condition that a survey response counts in the survey figures (G4, the satisfaction rate,
 * the survey statistics): no assessor has confirmed a stuffing flag on it (issue 22; flags in
 * `survey_flag`, raised by api/surveys/integrity). An open or dismissed flag changes nothing.
 * `alias` is the survey_response row's alias in the query (none: the bare table).
 */
export function countsInSurveyFigures(alias?: string): RawBuilder<boolean> {
  const id = sql.ref(alias ? `${alias}.id` : "survey_response.id");
  return sql<boolean>`not exists (select 1 from survey_flag sf where sf.response_id = ${id} and sf.status = 'confirmed')`;
}
