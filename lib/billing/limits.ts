export const MAX_AHEAD_MONTHS = 36;
