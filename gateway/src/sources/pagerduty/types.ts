/** The parts of PagerDuty REST v2 resources that Opsdeck reads (fields it ignores are left out). */

export interface PdReference {
  id: string;
  type: string;
  summary?: string;
}

export interface PdIncident {
  id: string;
  title: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  urgency?: 'high' | 'low';
  incident_key?: string;
  created_at: string;
  updated_at?: string;
  last_status_change_at?: string;
  html_url?: string;
  service?: PdReference;
  escalation_policy?: PdReference | null;
  priority?: { summary?: string; name?: string } | null;
  /** Who the incident is assigned to now (empty once resolved). */
  assignments?: Array<{ assignee: PdReference }>;
}

export interface PdNote {
  id: string;
  content: string;
  created_at: string;
}

export interface PdContactMethod {
  type: string;
  address?: string;
  label?: string;
  country_code?: number;
}

export interface PdUser extends PdReference {
  name?: string;
  email?: string;
  contact_methods?: PdContactMethod[];
}

export interface PdOnCall {
  escalation_policy: PdReference;
  escalation_level: number;
  schedule: PdReference | null;
  user: PdUser;
  start: string | null;
  end: string | null;
}

export interface PdSchedule {
  id: string;
  name: string;
  summary?: string;
  time_zone?: string;
}

export interface PdEscalationPolicy {
  id: string;
  name: string;
  description?: string | null;
  /** How many times the policy repeats after its last rule (0 = no repeat). */
  num_loops?: number;
  services?: PdReference[];
  escalation_rules: Array<{ escalation_delay_in_minutes: number; targets: PdReference[] }>;
}

/** A technical service (GET /services). */
export interface PdService {
  id: string;
  name: string;
  description?: string | null;
  status?: string;
  escalation_policy: PdReference;
}

export interface PdUserSummary {
  id: string;
  name: string;
  email: string;
}

/** A webhook v3 subscription; `delivery_method.secret` is only ever present in the create answer. */
export interface PdWebhookSubscription {
  id: string;
  type: string;
  description?: string | null;
  active?: boolean;
  events: string[];
  filter: { type: string; id?: string | null };
  delivery_method: { type: string; url: string; secret?: string | null; temporarily_disabled?: boolean };
}

export interface PdMaintenanceWindow {
  id: string;
  start_time: string;
  end_time: string;
  description?: string;
}
