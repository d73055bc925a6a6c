/** The kohort version (package.json's; a test keeps them equal). Written into output metadata. */
export const KOHORT_VERSION = '0.1.0';
