// Public surface of @dust/model. Pure: no I/O, no Fastify, no Prisma.
export * from './grouping';
export * from './diagnostics';
export * from './syscalls/tables';
export * from './syscalls/families';
export * from './validate';
export * from './compat';
export * from './diff';
export * from './rebase';
export * from './systemd';
