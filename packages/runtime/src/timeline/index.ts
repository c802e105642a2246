export { timelineToJson, TIMELINE_SCHEMA_VERSION } from './timeline-json.js';
export type { TimelineJsonOptions } from './timeline-json.js';
export { timelineToMarkdown } from './timeline-markdown.js';
export type { TimelineMarkdownOptions } from './timeline-markdown.js';
export { sortActivities } from './sort-activities.js';
