/** The risk engine (docs/risk.md): rules, evaluation, flag lifecycle and holds. Pure: no I/O. */
export * from './types';
export { buildContext, toContext, defineRule, fingerprintOf, type RiskContext, type RiskRule, type ChainLink, type ChainWalk } from './context';
export { RULES, RULES_BY_ID } from './rules';
export { evaluateProject, compareFindings } from './engine';
export * from './lifecycle';
export * from './holds';
export { controlChainOf, screenShareholder, iefThresholdPct, type ControlChainView, type ControlChainNode } from './control-chain';
