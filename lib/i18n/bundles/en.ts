/** Every message of en: the shared namespaces and one namespace per module (see ../messages.ts). */
import core from "@/messages/en.json";
import registry from "@/messages/registry/en.json";
import residents from "@/messages/residents/en.json";
import importNs from "@/messages/import/en.json";
import billing from "@/messages/billing/en.json";
import tickets from "@/messages/tickets/en.json";
import hr from "@/messages/hr/en.json";
import crm from "@/messages/crm/en.json";
import arrears from "@/messages/arrears/en.json";
import visits from "@/messages/visits/en.json";
import approvals from "@/messages/approvals/en.json";
import finance from "@/messages/finance/en.json";
import portal from "@/messages/portal/en.json";
import privacy from "@/messages/privacy/en.json";
import workbench from "@/messages/workbench/en.json";
import messaging from "@/messages/messaging/en.json";
import field from "@/messages/field/en.json";
import visitors from "@/messages/visitors/en.json";

const messages = {
  ...core,
  registry,
  residents,
  import: importNs,
  billing,
  tickets,
  hr,
  crm,
  arrears,
  visits,
  approvals,
  finance,
  portal,
  privacy,
  workbench,
  messaging,
  field,
  visitors,
};
export default messages;
