/**
 * Kept for the callers that read lists through the transport: the list reader itself, with
 * every rule for reading a Krebit list, lives in `../lists/`.
 */
export { krebitList, readAllRecords, type ListRequest } from '../lists/readList';
export { MAX_PAGES, PAGE_SIZE } from '../lists/pageRules';
