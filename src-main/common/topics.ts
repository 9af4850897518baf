/**
 * Which data an operation changes. Operations declare them; the dispatcher tells every window
 * after the operation succeeded; pages reload what they show when one of theirs arrives.
 */
export const TOPICS = [
  'units',
  'sectors',
  'campaigns',
  'submissions',
  'reviews',
  'settings',
  'audit',
  'search',
] as const;
export type Topic = (typeof TOPICS)[number];
