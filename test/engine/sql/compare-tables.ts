import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as aq from 'arquero';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { hasSharedDataset, sharedDataset } from '../../shared-datasets.js';
import { SYNTHETIC_AS_OF, syntheticGroups } from '../../synthetic-groups.js';
import { berlinDstCustomers } from './generated-data.js';
import type { TestTable } from './load-tables.js';

export const MAVEN = 'maven_telecom/telecom_customer_churn.csv';
export const OLIST_LEADS = 'olist_marketing/olist_marketing_qualified_leads_dataset.csv';
export const OLIST_DEALS = 'olist_marketing/olist_closed_deals_dataset.csv';
export { SYNTHETIC_AS_OF };

/**
 * The tables of the compare cases, written under `dir` and added to `tables`: customers of
 * the Berlin DST activity (dstcus), the synthetic referral / organic groups (synev,
 * syncus: referral customers churn at a lower monthly hazard), and Maven telecom's
 * columns (maven) when ../shared has it. Returns the id column of each.
 */
export async function compareTables(dir: string, duck: SqlConnection, tables: Record<string, TestTable>, dstCustomers: number): Promise<Record<string, string>> {
  const idColumns: Record<string, string> = { dstcus: 'id', synev: 'customer_id', syncus: 'customer_id' };
  const dstcus = path.join(dir, 'dstcus.csv');
  writeFileSync(dstcus, berlinDstCustomers(11, dstCustomers));
  tables.dstcus = { name: 'dstcus', file: dstcus, columns: { id: 'text', signup: 'time', channel: 'text', referrals: 'number' } };
  const syn = syntheticGroups({ seed: 20240601, groups: { referral: [700, 0.05], organic: [1300, 0.12] } });
  const synev = path.join(dir, 'synev.csv');
  const syncus = path.join(dir, 'syncus.csv');
  writeFileSync(synev, aq.toCSV(syn.activity));
  // An NPS score per customer: 0-10 from the id, some missing, a few off the scale (11, 7.5).
  const score = (id: string): string => {
    const n = Number(id.slice(2));
    return n % 13 === 0 ? '' : n % 29 === 0 ? '11' : n % 31 === 0 ? '7.5' : String((n * 7) % 11);
  };
  const ids = syn.customers.array('customer_id') as string[];
  writeFileSync(syncus, aq.toCSV(syn.customers.assign({ nps: ids.map(score) })));
  tables.synev = { name: 'synev', file: synev, columns: { customer_id: 'text', event_time: 'time' } };
  tables.syncus = { name: 'syncus', file: syncus, columns: { customer_id: 'text', signup_at: 'time', channel: 'text', nps: 'number' } };
  if (hasSharedDataset(MAVEN)) {
    // Maven telecom: tenure (months) and status given directly, referrals, contract and revenue.
    const maven = path.join(dir, 'maven.csv');
    await duck.query(`COPY (SELECT "Customer ID", CAST("Number of Referrals" AS DOUBLE) AS "Number of Referrals",
        CAST("Tenure in Months" AS DOUBLE) AS "Tenure in Months", "Customer Status", "Contract", CAST("Total Revenue" AS DOUBLE) AS "Total Revenue"
      FROM read_csv('${sharedDataset(MAVEN)}', header = true, all_varchar = true)) TO '${maven}' (HEADER, DELIMITER ',')`);
    tables.maven = {
      name: 'maven',
      file: maven,
      columns: { 'Customer ID': 'text', 'Number of Referrals': 'number', 'Tenure in Months': 'number', 'Customer Status': 'text', Contract: 'text', 'Total Revenue': 'number' },
    };
    idColumns.maven = 'Customer ID';
  }
  if (hasSharedDataset(OLIST_LEADS) && hasSharedDataset(OLIST_DEALS)) {
    // Olist: leads (first contact, DD-MM-YYYY there; origin) and won deals, as ISO instants.
    const leads = path.join(dir, 'leads.csv');
    const deals = path.join(dir, 'deals.csv');
    await duck.query(`COPY (SELECT mql_id, strftime(strptime(first_contact_date, '%d-%m-%Y'), '%Y-%m-%dT%H:%M:%SZ') AS first_contact, origin
      FROM read_csv('${sharedDataset(OLIST_LEADS)}', header = true, all_varchar = true)) TO '${leads}' (HEADER, DELIMITER ',')`);
    await duck.query(`COPY (SELECT mql_id, strftime(CAST(won_date AS TIMESTAMP), '%Y-%m-%dT%H:%M:%SZ') AS won_date
      FROM read_csv('${sharedDataset(OLIST_DEALS)}', header = true, all_varchar = true)) TO '${deals}' (HEADER, DELIMITER ',')`);
    tables.leads = { name: 'leads', file: leads, columns: { mql_id: 'text', first_contact: 'time', origin: 'text' } };
    tables.deals = { name: 'deals', file: deals, columns: { mql_id: 'text', won_date: 'time' } };
    idColumns.leads = 'mql_id';
    idColumns.deals = 'mql_id';
  }
  return idColumns;
}
