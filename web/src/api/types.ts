// Shapes of the API, named as the clinic speaks. Generated from the binary's /openapi.json
// into schema.d.ts (`npm run types`); these are aliases onto it.
import type { components } from './schema';

type S = components['schemas'];

export type Account = S['AccountView'];
export type Me = S['MeResponse'];
export type Membership = S['MembershipSummary'];
export type Role = S['Role'];
export type Clinic = S['Clinic'];
export type ClinicView = S['ClinicView'];
export type OpeningHours = S['OpeningHours'];
export type Practitioner = S['Practitioner'];
export type Service = S['Service'];
export type Closure = S['Closure'];
export type TimeOff = S['ScheduleException'];
export type Patient = S['Patient'];
export type PatientPage = S['PatientPage'];
export type Appointment = S['Appointment'];
export type AppointmentStatus = S['AppointmentStatus'];
export type ListedAppointment = S['ListedAppointment'];
export type AppointmentPage = S['AppointmentPage'];
export type AppointmentDetail = S['AppointmentDetail'];
export type SlotList = S['SlotList'];
export type Slot = S['Slot'];
export type Conversation = S['Conversation'];
export type ConversationPage = S['ConversationPage'];
export type Message = S['Message'];
export type MessagePage = S['MessagePage'];
export type Channel = S['ChannelView'];
export type KnowledgeDocument = S['Document'];
export type Faq = S['Faq'];
export type SearchResults = S['SearchResults'];
export type ClinicList = S['ClinicList'];
export type InvitationToMe = S['InvitationToMe'];
export type Member = S['Member'];
export type MemberList = S['MemberList'];
export type InviteOutcome = S['InviteOutcome'];
export type SchedulingPolicy = S['SchedulingPolicy'];
export type AssistantView = S['AssistantView'];
export type ChannelKind = S['ChannelKind'];
export type ChannelView = S['ChannelView'];
export type TestSendResult = S['TestSendResult'];
export type CalendarFeed = S['CalendarFeed'];
export type CreatedFeed = S['CreatedFeed'];
export type Template = S['Template'];
export type Language = S['Language'];
export type CannedReply = S['CannedReply'];
/** An appointment in the way of a booking or a move (in a 409 `slot-taken` problem's `conflicts`). */
export type Conflict = S['SlotConflict'];
