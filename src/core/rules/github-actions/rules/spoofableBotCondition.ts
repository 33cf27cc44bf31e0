import type { Scalar } from 'yaml';
import { isScalar } from 'yaml';
import type { RawFinding, RuleFix } from '../../types';
import { getValue } from '../../yaml/yamlSupport';
import { findingAt } from '../../ci/findings';
import type { Workflow } from '../workflow';
import { defineRule } from '../../engine/ruleModule';

const RULE_ID = 'gha/spoofable-bot-condition';

/** Events where `github.actor` is whoever last acted on the pull request, not its author. */
const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment'];
const ACTOR =
  /\bgithub\.(?:actor|triggering_actor)\s*==\s*'([\w.-]+\[bot\])'|'([\w.-]+\[bot\])'\s*==\s*github\.(?:actor|triggering_actor)\b/g;

/**
 * gha/spoofable-bot-condition: an `if:` trusts `github.actor == 'dependabot[bot]'`
 * in a workflow pull requests trigger. The actor is whoever caused the latest
 * event: when a bot updates an attacker's pull request (a rebase, a synced
 * branch), the condition passes and the job (often auto-merge or a secret-using
 * step) runs for the attacker. The pull request's author
 * (`github.event.pull_request.user.login`) cannot be spoofed that way.
 */
export function detectSpoofableBotConditions(workflow: Workflow): RawFinding[] {
  if (!PULL_REQUEST_EVENTS.some((event) => workflow.triggers.has(event)) && !workflow.triggers.has('workflow_run')) return [];
  // ACTOR is matched on the conditions' source: a file that never writes `[bot]` has no match to find.
  if (!workflow.file.text.includes('[bot]')) return [];
  const onlyPullRequests = [...workflow.triggers].every((event) => PULL_REQUEST_EVENTS.includes(event));
  const findings: RawFinding[] = [];
  const conditions: Scalar[] = [];
  for (const job of workflow.jobs) {
    for (const owner of [job.map, ...job.steps.map((step) => step.map)]) {
      const condition = getValue(owner, 'if');
      if (isScalar(condition) && typeof condition.value === 'string') conditions.push(condition);
    }
  }
  for (const condition of conditions) {
    if (!condition.range) continue;
    const source = workflow.file.text.slice(condition.range[0], condition.range[1]);
    ACTOR.lastIndex = 0;
    for (let match = ACTOR.exec(source); match; match = ACTOR.exec(source)) {
      const bot = match[1] ?? match[2];
      const offset = condition.range[0] + match.index;
      const context = match[0].includes('triggering_actor') ? 'github.triggering_actor' : 'github.actor';
      const message = `\`${context}\` is whoever caused the latest event, so a pull request ${bot} merely touched passes this check; test \`github.event.pull_request.user.login\`.`;
      const fix = onlyPullRequests ? authorFix(workflow, offset, match[0]) : undefined;
      findings.push(findingAt(workflow.file, RULE_ID, offset, match[0].length, message, fix));
    }
  }
  return findings;
}

/** Replaces the actor by the pull request's author (only where every trigger is a pull request event, so the payload has one). */
function authorFix(workflow: Workflow, offset: number, text: string): RuleFix {
  const replaced = text.replace(/github\.(?:actor|triggering_actor)/, 'github.event.pull_request.user.login');
  return {
    title: 'Check the pull request author (`github.event.pull_request.user.login`)',
    edits: [{ range: workflow.file.mapper.range(offset, offset + text.length), newText: replaced }],
  };
}

export const rule = defineRule('github-actions', { ruleId: 'gha/spoofable-bot-condition', detect: detectSpoofableBotConditions });
