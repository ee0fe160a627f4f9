/** The public page's entry: the root component and the address test `main.tsx` uses. */
export { PublicApp, isPublicPath } from './public-page.tsx';
export {
  parsePublicCameras,
  parsePublicNotice,
  type PublicCamera,
  type PublicNotice,
} from './public-api.ts';
