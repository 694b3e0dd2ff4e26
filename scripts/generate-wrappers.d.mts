export type Framework = 'react' | 'vue' | 'svelte' | 'astro';
export declare const FRAMEWORKS: Framework[];
export declare const GENERATORS: Record<Framework, (elements: unknown[]) => Record<string, string>>;
export declare function generatedDir(framework: Framework): string;
/** The files (relative path → text) one framework gets from a manifest; writes nothing. */
export declare function renderWrapper(framework: Framework, manifest: unknown, options?: { warn?: (message: string) => void }): Record<string, string>;
export declare function generateWrappers(options?: { frameworks?: Framework[]; manifestPath?: string; out?: string }): Record<Framework, string[]>;
