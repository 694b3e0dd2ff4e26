export declare const API_PORT: number;
export declare const API_URL: string;
export declare const APPS: {
  readonly react: { port: number; url: string };
  readonly react18: { port: number; url: string };
  readonly vue: { port: number; url: string };
  readonly svelte: { port: number; url: string };
  readonly astro: { port: number; url: string };
};
export declare const ORIGINS: string[];
