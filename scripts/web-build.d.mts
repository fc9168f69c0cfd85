// Types of web-build.mjs for the TypeScript that imports it (the e2e stack).
export declare const WEB_BUILD_SOURCES: readonly string[];
export declare function webBuildIsStale(repoRoot: string): boolean;
