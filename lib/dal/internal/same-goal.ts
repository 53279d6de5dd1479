import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { planGoals, planVersions } from "@/db/schema";

/**
 * "The same goal" across IEP versions: a goal row of a version of the same plan with the same
 * stable goal item id (`plan_goals.item_id`). An amendment or annual review starts from the version
 * in force with its item ids, so a goal carried forward keeps its id; a goal written anew gets a new
 * one. Data points stay on the goal row they were taken against; readers gather a goal's data across
 * the versions up to the one shown.
 *
 * The last day observed on the goal named by the surrounding query's `plan_goals` and
 * `plan_versions` rows, over this and the plan's earlier versions (ISO date, or null).
 */
export function lastObservedOnSameGoal(): SQL<string | null> {
  return sql<string | null>`(
    select max(same_point.observed_on)::text
    from goal_data_points same_point
    join plan_goals same_goal on same_goal.id = same_point.goal_id
    join plan_versions same_version on same_version.id = same_goal.version_id
    where same_version.plan_id = ${planVersions.planId}
      and same_goal.item_id = ${planGoals.itemId}
      and same_version.number <= ${planVersions.number})`;
}
