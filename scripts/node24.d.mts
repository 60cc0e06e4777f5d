export declare const NODE24_VERSION: string
export declare function node24Path(): string
export declare function ensureNode24(): string
