export interface AccommodationBankItem {
  id: string;
  category: string;
  text: string;
  teacherAction: string;
  classroom: boolean;
  testing: boolean;
}

export interface GoalBankItem {
  id: string;
  area: string;
  text: string;
  measurement: string;
  objectives: string[];
}
