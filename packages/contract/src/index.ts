// @dust/contract: the HTTP contract of Dust. The API validates and documents every
// request and response with these schemas; the web reads its types from them
// (type-only imports, so the browser bundle carries no schema it does not run).
export * from './accounts';
export * from './auth';
export * from './common';
export * from './debate';
export * from './events';
export * from './github';
export * from './http';
export * from './kernel-verdict';
export * from './mail';
export * from './meta';
export * from './problem';
export * from './proposals';
export * from './releases';
