export * from './types';
export * from './values';
export * from './operators';
export * from './bounds';
export * from './validate';
export * from './describe';
export * from './dates';
export * from './history';
