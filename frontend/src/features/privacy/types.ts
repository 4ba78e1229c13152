// Names for the consent API's generated types (derived from the OpenAPI document, never copied).
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Invitation = Schemas['InvitationResponse'];
export type RequestedCategory = Schemas['RequestedCategory'];
export type ConsentReceipt = Schemas['ConsentReceipt'];
export type ComprehensionCheck = Schemas['ComprehensionCheckResponse'];
export type CheckQuestion = Schemas['CheckQuestion'];
