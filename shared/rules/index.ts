export * from './types';
export * from './validate';
export * from './describe';
export * from './dates';
