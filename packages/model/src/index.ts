// Public surface of @dust/model. Pure: no I/O, no Fastify, no Prisma.

export * from './compat';
export * from './diagnostics';
export * from './diff';
export * from './events/describe-event';
export * from './grouping';
export * from './mail';
export * from './rebase';
export * from './reference/build-grouping';
export * from './reference/compare-with-reference';
export * from './reference/pledge';
export * from './reference/strace';
export * from './rules/email';
export * from './rules/text';
export * from './syscalls/families';
export * from './syscalls/tables';
export * from './systemd';
export * from './validate';
