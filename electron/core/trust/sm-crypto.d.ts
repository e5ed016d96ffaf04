// sm-crypto ships no types; this is the part of its SM2 that signing.ts and carrier-keys.ts use, and its SM3
// (a separate implementation the tests check Node's SM3 digests against).
declare module 'sm-crypto' {
  interface Sm2SignOptions {
    /** SM3 over Z_A ‖ M (GB/T 32918.2), as a signature over a message requires. */
    hash?: boolean;
    der?: boolean;
    publicKey?: string;
    userId?: string;
  }
  export const sm2: {
    generateKeyPairHex(): { publicKey: string; privateKey: string };
    doSignature(msg: string | number[] | Uint8Array, privateKey: string, options?: Sm2SignOptions): string;
    doVerifySignature(msg: string | number[] | Uint8Array, signHex: string, publicKey: string, options?: Sm2SignOptions): boolean;
    getPublicKeyFromPrivateKey(privateKey: string): string;
    /** SM2 public-key encryption (GB/T 32918.4); mode 1 writes C1‖C3‖C2, C1 as x‖y hex without the 04 prefix. */
    doEncrypt(msg: string | number[] | Uint8Array, publicKey: string, cipherMode?: 0 | 1): string;
    /** The plaintext, or an empty array when C3 (the SM3 check) does not match. */
    doDecrypt(encrypted: string, privateKey: string, cipherMode: 0 | 1, options: { output: 'array' }): number[];
  };
  /** SM3 (GB/T 32905) of a string's UTF-8 bytes or of bytes, as 64 hex digits. */
  export const sm3: (input: string | number[] | Uint8Array) => string;
}
