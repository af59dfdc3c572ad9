/**
 * The sandbox's public shapes. They are written here on purpose rather than taken from
 * `src/seccl/`: the sandbox keeps its own idea of Seccl's wire, so a mistake in the product's
 * client shows up as a disagreement instead of being shared by both sides.
 */

/** A Seccl firm the sandbox knows: who may authenticate for it, and its node tree. */
export interface SandboxFirm {
  /** Seccl firm id, such as `DEMOF`. */
  firmId: string;
  /** Users that may call `POST /authenticate` for this firm. */
  users: { id: string; password: string }[];
  /** Nodes below the firm's root node `"0"`, which every firm has; `parentId` defaults to `"0"`. */
  nodes?: { id: string; name: string; parentId?: string }[];
}

/** How to start a sandbox. Every field is optional. */
export interface SandboxOptions {
  /** Address to bind. Default `127.0.0.1`. */
  host?: string;
  /** Port to bind; `0` (the default) lets the system pick one. */
  port?: number;
  /** Firms to know from the start; merged into any firms a state file already holds. */
  firms?: SandboxFirm[];
  /**
   * JSON file that keeps firms, clients, tokens and idempotency records across restarts. Writes are
   * debounced and atomic (temporary file, then rename). Absent: everything lives in memory only.
   */
  stateFile?: string;
  /** Lifetime of a session token. Default one hour. */
  tokenTtlMs?: number;
  /** Gets one object per request (method, path, query keys, status, ms); never a body or token. */
  logger?: (line: object) => void;
  /**
   * Enables the unauthenticated control routes under `/__sandbox/` (faults, held clients, firms).
   * Default `true`: the sandbox is a test tool bound to 127.0.0.1. Set `false` whenever the sandbox
   * is reachable by anyone who should not be able to read every client it holds.
   */
  control?: boolean;
  /** Clock in epoch milliseconds, for tests that move time. Default `Date.now`. */
  now?: () => number;
  /**
   * Honour `Idempotency-Key` on `POST /client` (replay the first answer). Default `true`, as Seccl
   * describes itself; `false` plays a Seccl that ignores the header, so that what a caller does
   * on its own to avoid a second client is what gets tested.
   */
  idempotencyKeys?: boolean;
}

/** A running sandbox. */
export interface Sandbox {
  /** Base URL without a trailing slash, such as `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  /** Adds a firm, or merges users (by id, new password wins) and nodes (by id) into a known one. */
  addFirm(firm: SandboxFirm): void;
  /** Copies of the clients held, in creation order; only one firm's when `firmId` is given. */
  clients(firmId?: string): SandboxClient[];
  faults: SandboxFaults;
  /** Stops listening, drops open connections and writes the state file one last time. */
  close(): Promise<void>;
}

export type ClientType = 'Individual' | 'Individual Minor';
export type VulnerabilityReason = 'HEALTH' | 'LIFE_EVENT' | 'RESILIENCE' | 'CAPABILITY';

/** An address as Seccl spells it. */
export interface SandboxAddress {
  flatNumber?: string;
  buildingName?: string;
  buildingNumber?: string;
  address1?: string;
  address2?: string;
  country?: string;
  postCode?: string;
}

export interface SandboxNationality {
  code: string;
  identifiers?: { name: string; available: boolean; value?: string }[];
}

export interface SandboxEmployer {
  companyName: string;
  companyRegNo?: string;
  addressDetail?: SandboxAddress;
  bankDetails?: { sortCode: string; accountNumber: string };
}

/** What a client is told apart by: the same in a create body and in the record kept. */
export interface SandboxClientDetails {
  firmId: string;
  clientType: ClientType;
  title?: string;
  firstName: string;
  surname: string;
  email?: string;
  mobile?: { number: string; locale?: string; isMobile?: boolean };
  nationality: string;
  nationalities?: SandboxNationality[];
  nationalInsuranceNo?: string;
  dateOfBirth?: string;
  addressDetail?: SandboxAddress;
  taxDomicile?: string;
  requiresDebitMandate?: boolean;
  employmentStatus?: string;
  employers?: SandboxEmployer[];
  maritalStatus?: string;
  retirementAge?: number;
  currency?: string;
  language?: string;
}

/** A client as the sandbox holds it and as `GET /client/{firmId}/{clientId}` answers it. */
export interface SandboxClient extends SandboxClientDetails {
  id: string;
  nodeId: string[];
  parentId?: string[];
  status: 'Active' | 'Pending' | 'Suspended';
  termsAccepted: boolean;
  bankDetails?: {
    sortCode: string;
    accountNumber: string;
    debitPaymentMandate: boolean;
    debitPaymentMandateAgreementDate?: string;
  };
  vulnerability?: {
    isVulnerable: boolean;
    reason?: VulnerabilityReason[];
    isVulnerableSetDate?: string;
    isSupportTemporary?: boolean;
  };
  amlData?: { checkResult: string; amlEvidenceSeen: boolean };
  auditDetails: { version: number; updateDate: string };
}

/** One entry of Seccl's `error.fieldErrors`. */
export interface SandboxFieldError {
  fieldName: string;
  type: string;
  errorMessage: string;
}

/** One misbehaviour to inject. All given effects apply to each request it matches. */
export interface FaultSpec {
  /** Wait this long before handling the request. */
  delayMs?: number;
  /** Answer with this status and an error envelope instead of handling the request. */
  status?: number;
  /** With `status` 429 or 503: the `Retry-After` header to send, in seconds. */
  retryAfterSeconds?: number;
  /** Handle the request (`POST /client`: store the client), then destroy the socket unanswered. */
  dropAfterStore?: boolean;
  /** Destroy the socket without doing anything. */
  dropBeforeStore?: boolean;
  /** Every token that exists when a matching request arrives expires. Defaults `times` to 1. */
  expireTokens?: boolean;
  /** How many matching requests it applies to; absent: until cleared. */
  times?: number;
  /** Which requests it applies to; absent: all but the control routes. */
  match?: { method?: string; path?: string; firmId?: string };
}

export type RandomFaultKind = 'delay' | '5xx' | 'dropAfterStore' | 'dropBeforeStore' | '429';

/** A seeded fault campaign: each request draws from the seed's sequence, so a run repeats. */
export interface RandomiseOptions {
  seed: number;
  /** Share of requests that misbehave, from 0 to 1. */
  rate: number;
  kinds: RandomFaultKind[];
  /** Delay for the `delay` kind. Default 50 ms. */
  delayMs?: number;
}

/** Misbehaviour control, for tests in the same process. The control routes offer the same. */
export interface SandboxFaults {
  /** Adds a fault and answers its id; throws `TypeError` on a malformed spec. */
  add(spec: FaultSpec): string;
  /** Removes one fault, or every fault and the random campaign when no id is given. */
  clear(id?: string): void;
  /** `true`: stop listening and drop open connections, so connecting fails; `false`: listen. */
  refuseConnections(on: boolean): Promise<void>;
  /** Starts (or, with `null`, stops) a seeded random campaign; throws `TypeError` if malformed. */
  randomise(opts: RandomiseOptions | null): void;
}
