// Public face of src/messages: the one message shape (vfile-message) that compile and package
// checks report in, and its human and JSON formats. Other areas import from here only.
export {
  MESSAGE_SOURCE, endOf, hasErrors, makeMessage, ruleUrl, severityOf, sortMessages,
  type CoursepackMessage, type MessageInput, type Severity,
} from './make-message.js';
export {
  formatGithub, formatHuman, formatJson, formatMessage, summarize, toJson,
  type MessageFormat, type MessageJson, type ShowPath,
} from './format-messages.js';
