import type { NextConfig } from 'next';

// Workspaces export TypeScript source, so Next must compile @dust/contract and @dust/model itself.
// No rewrites here: rewrites are frozen at build time, while API_URL is read at run
// time by the /api/[...path] route handler (see README, "How the browser talks to the API").
const nextConfig: NextConfig = {
  transpilePackages: ['@dust/contract', '@dust/model'],
  poweredByHeader: false,
  reactStrictMode: true,
  typescript: { tsconfigPath: './tsconfig.json' },
};

export default nextConfig;
