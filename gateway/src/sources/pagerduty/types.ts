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
  services?: PdReference[];
  escalation_rules: Array<{ escalation_delay_in_minutes: number; targets: PdReference[] }>;
}

export interface PdMaintenanceWindow {
  id: string;
  start_time: string;
  end_time: string;
  description?: string;
}
