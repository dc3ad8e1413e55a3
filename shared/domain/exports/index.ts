export * from './columns';
export * from './json-schema';
export * from './format';
export * from './audit-rows';
export * from './rows';
