//! Response views (and request bodies) shared by more than one area (an area's own DTOs live
//! beside its handlers).
//! Areas import views, never each other.

mod auth;
mod condition;
mod consent;
mod export;
mod forum;
mod research;
mod user;

pub use auth::{Accepted, AuthResponse};
pub use condition::ConditionResponse;
pub use consent::{
    CohortResponse, ComprehensionAnswers, ComprehensionCheckResponse, ConsentList, ConsentReceipt,
    ConsentRequest, InvitationList, InvitationResponse,
};
pub use export::{DataAccessEntry, DataAccessList, ExportList, ExportRequest, ExportResponse};
pub use forum::{
    AppealResponse, AuthorView, CommunityList, CommunityResponse, ModActionResponse,
    ModReasonRequest, NewReportRequest, NotificationResponse, PostResponse, PublishedResponse,
    ReportReceipt, ReportResponse, ThreadList, ThreadPageResponse, ThreadResponse,
};
pub use research::{
    ApplicationResponse, CategoryItem, NewStudyRequest, StudyApproveRequest, StudyList,
    StudyMemberRequest, StudyRequest, StudyResponse,
};
pub use user::{ProfileResponse, UserResponse};
