import type { ValidatorFunctions } from '@rjsf/validator-ajv8';

/** The precompiled validator of the declaration's display schema (scripts/web-form-validator.ts), keyed by rjsf's schema hash. */
declare const validateFns: ValidatorFunctions;
export default validateFns;
