import type { PlanColumns } from "@/lib/dto/plans";

export interface SchoolSummary {
  id: string;
  name: string;
  level: string;
  studentCount: number;
  sectionCount: number;
  staffCount: number;
}

export interface SchoolOverview {
  id: string;
  name: string;
  level: string;
  studentCount: number;
  gradeCounts: { grade: string; count: number }[];
  onCaseloadCount: number;
  students: { id: string; name: string; grade: string; plan: PlanColumns | null }[];
  page: number;
  pageCount: number;
  coordinators: { userId: string; name: string }[];
  staffOptions: { userId: string; name: string; role: string }[];
  canDesignateCoordinator: boolean;
}

export interface SectionWithStudents {
  id: string;
  code: string;
  name: string;
  period: string;
  schedule: string;
  room: string | null;
  schoolName: string;
  students: { id: string; name: string; grade: string }[];
}

export interface StaffMember {
  id: string;
  name: string;
  email: string;
  role: string;
  isActive: boolean;
  schools: string[];
}
