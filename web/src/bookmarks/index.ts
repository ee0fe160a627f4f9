/**
 * The bookmarks area of the web app: the bookmarks page, the API calls, `useBookmarks` for a
 * timeline (the recordings page), and the recordings page's address of a moment.
 */
export { BookmarksPage } from './bookmarks-page.tsx';
export {
  createBookmark,
  deleteBookmark,
  listBookmarks,
  updateBookmark,
  type Bookmark,
  type BookmarkInput,
  type BookmarkQuery,
} from './bookmarks-api.ts';
export { useBookmarks, type BookmarksState } from './use-bookmarks.ts';
export {
  parsePlaybackParam,
  playbackHref,
  playbackParam,
  type PlaybackTarget,
} from './playback-link.ts';
