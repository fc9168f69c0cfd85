export * from './render/index';
export * from './test/index';
