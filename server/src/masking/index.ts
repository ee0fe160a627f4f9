/** The masking module's public entry: privacy masks burned into the video that leaves the owning agency. */
export { createMasking, type MaskingService, type MaskingDeps } from './create.ts';
export { MaskedHubs, DEFAULT_MASK_POLL_MS, type MaskedHubsDeps } from './masked-hubs.ts';
export { maskedEncodeArgs, maskedFilter, MASKED_GOP_PICTURES } from './masked-args.ts';
export { maskImage, type MaskImage } from './mask-image.ts';
export { chooseVideo, type VideoChoice, type VideoChoiceInput } from './viewer-choice.ts';
