// Whether Traditional/Simplified folding and stemming are on. They always are in the app; the
// search benchmark turns them off once, to measure what they add to index size and build time.
export const foldingSettings = { hanFold: true, stem: true };
