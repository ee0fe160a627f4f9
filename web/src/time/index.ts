/** Public entry of the time module: recorded wall-clock instants as the interface writes and reads them. */
export { localClock, utcClock, toLocalInput, fromLocalInput, tickLabel } from './wall-clock.ts';
