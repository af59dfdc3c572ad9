/** The CRM's account resource, as `GET /api/v1/account/{uuid}` answers it (snake_case). */
import type { accounts, externalReferences } from '../db/schema.js';

type AccountRow = typeof accounts.$inferSelect;
type ReferenceRow = typeof externalReferences.$inferSelect;

export interface AccountResource {
  uuid: string;
  type: string;
  role: string;
  title: string | null;
  first_name: string | null;
  surname: string | null;
  email: string | null;
  date_of_birth: string | null;
  national_insurance_no: string | null;
  marital_status: string | null;
  nationality: string | null;
  retirement_age: number | null;
  employment_status: string | null;
  tax_domicile: string | null;
  vulnerability: AccountRow['vulnerability'];
  address: AccountRow['address'];
  external_references: { provider: string; addon: string; reference: string; created_at: string }[];
  created_at: string;
  updated_at: string;
}

export function toAccountResource(row: AccountRow, references: ReferenceRow[]): AccountResource {
  return {
    uuid: row.id,
    type: row.type,
    role: row.role,
    title: row.title,
    first_name: row.firstName,
    surname: row.surname,
    email: row.email,
    date_of_birth: row.dateOfBirth,
    national_insurance_no: row.nationalInsuranceNo,
    marital_status: row.maritalStatus,
    nationality: row.nationality,
    retirement_age: row.retirementAge,
    employment_status: row.employmentStatus,
    tax_domicile: row.taxDomicile,
    vulnerability: row.vulnerability,
    address: row.address,
    external_references: references.map((ref) => ({
      provider: ref.provider,
      addon: ref.addon,
      reference: ref.reference,
      created_at: ref.createdAt.toISOString(),
    })),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
