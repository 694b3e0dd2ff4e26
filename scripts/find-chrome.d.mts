export declare const CHROME_CANDIDATES: string[];
export declare const CHROME_FLAGS: string[];
export declare const INSTALL_HINT: string;
export declare function findChrome(env?: NodeJS.ProcessEnv): string | null;
export declare function canInstallChromium(): boolean;
