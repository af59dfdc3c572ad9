/**
 * The client's details as Seccl holds them, in the shape the CRM's account keeps. Bank details
 * stay on Seccl: the CRM has no need to hold them in clear.
 */
import type { AccountDetails } from '../accounts/account.repository.js';
import type { SecclClientRecord } from '../seccl/types.js';
import { vulnerability } from './client-resource.js';

/** The account fields for a client Seccl holds (a vulnerability reason we do not know is kept). */
export function accountDetailsFrom(record: SecclClientRecord): AccountDetails {
  const address = record.addressDetail;
  return {
    title: record.title ?? null,
    firstName: record.firstName,
    surname: record.surname,
    email: record.email ?? null,
    dateOfBirth: record.dateOfBirth ?? null,
    nationalInsuranceNo: record.nationalInsuranceNo ?? null,
    maritalStatus: record.maritalStatus ?? null,
    nationality: record.nationality ?? null,
    retirementAge: record.retirementAge ?? null,
    employmentStatus: record.employmentStatus ?? null,
    taxDomicile: record.taxDomicile ?? null,
    vulnerability: vulnerability(record),
    address: address
      ? dropUndefined({
          flat_number: address.flatNumber,
          building_name: address.buildingName,
          building_number: address.buildingNumber,
          address_1: address.address1,
          address_2: address.address2,
          country: address.country,
          postcode: address.postCode,
        })
      : null,
  };
}

function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
