/**
 * The two modules the offline voice loads: eSpeak NG compiled to WebAssembly (npm
 * @echogarden/espeak-ng-emscripten, which ships no types: ./espeak-synth.ts describes what is
 * used of it) and the Vietnamese part of its data (virtual:espeak-vi, build/espeak-vietnamese.ts).
 */
declare module '@echogarden/espeak-ng-emscripten' {
  const createEspeak: unknown;
  export default createEspeak;
}

declare module 'virtual:espeak-vi' {
  const data: {
    /** Where the Vietnamese ranges of the data file are, one after another. */
    url: string;
    /** The length of the whole data file. */
    size: number;
    /** [start, end) of each range in the whole data file. */
    ranges: [number, number][];
  };
  export default data;
}
