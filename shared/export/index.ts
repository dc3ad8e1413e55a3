export * from './writer';
export * from './csv-writer';
export * from './jsonl-writer';
export * from './xlsx-writer';
export * from './zip';
