/**
 * The bookmarks area of the web app: the bookmarks page, the API calls, `useBookmarks` for a
 * timeline (the recordings page), the recordings page's address of a moment, and the legal-hold
 * form's address prefilled from a bookmark.
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
export { holdHref } from './hold-link.ts';
