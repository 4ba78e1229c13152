// Names for the generated server types. Everything here is derived from the OpenAPI document
// (`npm run gen:api`); nothing is a hand-written copy.
import type { components } from './schema';

type Schemas = components['schemas'];

export type Problem = Schemas['Problem'];
export type ProblemFieldError = Schemas['ProblemFieldError'];
export type AuthResponse = Schemas['AuthResponse'];
export type User = Schemas['UserResponse'];
export type Profile = Schemas['ProfileResponse'];
export type Role = Schemas['Role'];
export type Visibility = Schemas['Visibility'];
export type Sex = Schemas['Sex'];
export type UpdateMeRequest = Schemas['UpdateMeRequest'];
export type Session = Schemas['SessionResponse'];
export type Condition = Schemas['ConditionResponse'];
export type MyCondition = Schemas['MyConditionResponse'];
export type ConditionStatus = Schemas['ConditionStatus'];
export type AddConditionRequest = Schemas['AddConditionRequest'];
export type Measurement = Schemas['MeasurementResponse'];
export type SummaryResponse = Schemas['SummaryResponse'];
export type SummaryItem = Schemas['SummaryItem'];
export type ScorePoint = Schemas['ScorePoint'];
export type MeasurementType = Schemas['MeasurementTypeDef'];
export type MeasurementList = Schemas['MeasurementList'];
export type MeasurementRequest = Schemas['MeasurementRequest'];
export type ImportResult = Schemas['ImportResult'];
export type QuestionnaireSummary = Schemas['QuestionnaireSummary'];
export type QuestionnaireDetail = Schemas['QuestionnaireDetail'];
export type Definition = Schemas['Definition'];
export type QuestionnaireItem = Schemas['Item'];
export type EnableWhen = Schemas['EnableWhen'];
export type Operator = Schemas['Operator'];
export type ResponseView = Schemas['ResponseView'];
export type DueItem = Schemas['DueItem'];
export type ScoreSeries = Schemas['ScoreSeries'];
