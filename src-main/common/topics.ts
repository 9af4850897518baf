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
  /** 集中评审: a day opened or closed, a code issued or revoked, a reviewer signed in. */
  'reviewDay',
] as const;
export type Topic = (typeof TOPICS)[number];
