// Mail rules with no I/O: what a reply says, its trailers, the thread it belongs to, mbox files.
export * from './mbox';
export * from './reply-text';
export * from './thread';
export * from './trailers';
